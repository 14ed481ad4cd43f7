"""The demo's fictional people, places and words (names drawn from the communities the Trust Act
protects, accents included; phone numbers in the 555-01xx range reserved for fiction; e-mail
addresses ending in ``.example``).
"""

from __future__ import annotations

FIRM = {
    "firm.name": "Demo Legal Aid of Connecticut",
    "firm.address": "100 Example Street, Suite 200, Hartford, CT 06103",
    "firm.phone": "(860) 555-0100",
    "firm.email": "intake@demo-legal-aid.example",
    "firm.juris_number": "999999",
    "smtp.host": "localhost",
    "smtp.port": "1025",
    "smtp.starttls": "false",
    "smtp.user": "",
    "smtp.from": "reminders@demo-legal-aid.example",
}


ATTORNEYS = (
    ("Alejandra Rivera-Quiñones", "900101", "arivera@demo-legal-aid.example"),
    ("Samuel Okonkwo", "900102", "sokonkwo@demo-legal-aid.example"),
    ("Dana Whitfield", "900103", "dwhitfield@demo-legal-aid.example"),
    ("Marisa Teixeira", "900104", "mteixeira@demo-legal-aid.example"),
)


# (given names, family names, languages with weights); Vietnamese names put the family first.
COMMUNITIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "latin": (
        (
            "José",
            "María",
            "Juan Carlos",
            "Ana",
            "Luis",
            "Carmen",
            "Jorge",
            "Lucía",
            "Miguel",
            "Guadalupe",
            "Andrés",
            "Sofía",
            "Héctor",
            "Daniela",
            "Óscar",
            "Marisol",
            "Julián",
            "Inés",
            "Nicolás",
            "Yesenia",
            "Wilmer",
            "Maribel",
            "Edgar",
            "Rosa Elena",
        ),
        (
            "Núñez",
            "Pérez-Gómez",
            "García",
            "Rodríguez",
            "Hernández",
            "López",
            "Martínez",
            "González",
            "Ramírez",
            "Sánchez",
            "Torres",
            "Flores",
            "Rivera",
            "Díaz",
            "Cruz",
            "Morales",
            "Reyes",
            "Gutiérrez",
            "Ortiz",
            "Chávez",
            "Vásquez",
            "Peña",
            "Ibáñez",
            "Muñoz",
            "Quispe",
            "Tzul",
        ),
        ("es", "es", "es", "es", "en"),
    ),
    "brazilian": (
        (
            "Thiago",
            "João",
            "Ana Clara",
            "Luíza",
            "Gabriel",
            "Letícia",
            "Rafael",
            "Mariana",
            "Lucas",
            "Beatriz",
            "Matheus",
            "Júlia",
        ),
        (
            "Conceição",
            "Araújo",
            "Gonçalves",
            "Magalhães",
            "Assunção",
            "Simões",
            "Brandão",
            "Loureiro",
            "Fonseca",
            "Nascimento",
            "Sousa",
        ),
        ("pt", "pt", "pt", "en"),
    ),
    "haitian": (
        (
            "Jean-Baptiste",
            "Marie-Claude",
            "Jean-Pierre",
            "Widline",
            "Fabiola",
            "Peterson",
            "Jameson",
            "Nadège",
            "Wilner",
            "Rose-Mitha",
            "Guerline",
        ),
        (
            "Joseph",
            "Pierre",
            "Jean-Louis",
            "Charles",
            "Saint-Fleur",
            "Desrosiers",
            "Étienne",
            "Dorvil",
            "Célestin",
            "Toussaint",
        ),
        ("ht", "ht", "ht", "fr", "en"),
    ),
    "caribbean": (
        ("Andre", "Shanice", "Damion", "Keisha", "Rohan", "Tamika", "Kemar", "Yanique"),
        ("Campbell", "Brown", "Thompson", "Clarke", "Persaud", "Ramdass", "McKenzie"),
        ("en",),
    ),
    "west_african": (
        (
            "Kwame",
            "Abena",
            "Kofi",
            "Ama",
            "Chukwuemeka",
            "Ngozi",
            "Mamadou",
            "Fatoumata",
            "Oluwaseun",
            "Aminata",
            "Yaw",
            "Adjoa",
        ),
        (
            "Mensah",
            "Asante",
            "Okafor",
            "Adeyemi",
            "Diallo",
            "Traoré",
            "Ouédraogo",
            "Boateng",
            "Nwosu",
            "Owusu",
            "Koné",
        ),
        ("en", "fr", "tw", "yo", "wo"),
    ),
    "south_asian": (
        (
            "Priya",
            "Rahul",
            "Sandeep",
            "Anjali",
            "Harpreet",
            "Gurpreet",
            "Mohammed",
            "Farhana",
            "Rajesh",
            "Sunita",
            "Bishnu",
        ),
        (
            "Patel",
            "Singh",
            "Kaur",
            "Sharma",
            "Rahman",
            "Hossain",
            "Chowdhury",
            "Thapa",
            "Gurung",
            "Khan",
        ),
        ("hi", "pa", "bn", "ne", "ur", "en"),
    ),
    "vietnamese": (
        ("Văn An", "Thị Lan", "Minh Đức", "Thu Hà", "Quốc Bảo", "Ngọc Ánh"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"),
        ("vi", "vi", "en"),
    ),
}


COMMUNITY_WEIGHTS = {
    "latin": 45,
    "brazilian": 12,
    "haitian": 12,
    "caribbean": 8,
    "west_african": 9,
    "south_asian": 9,
    "vietnamese": 5,
}


STATUSES = (("intake", 20), ("screening", 20), ("active", 45), ("closed", 10), ("declined", 5))


IMMIGRATION_STATUSES = (
    "undocumented",
    "asylum pending",
    "TPS",
    "DACA",
    "U visa applicant",
    "LPR",
    "unknown",
)


CONTACT_TYPES = (
    "traffic stop",
    "arrest on a warrant",
    "domestic call",
    "court appearance",
    "workplace check",
    "pedestrian stop",
    "booking after arrest",
)


OFFICER_NAMES = (
    "R. Kowalski",
    "T. Brennan",
    "M. DeLuca",
    "K. Sullivan",
    "J. Morrow",
    "L. Castellano",
    "P. Novak",
    "S. Whitaker",
    "D. Ferreira",
    "A. Lindqvist",
)


STREETS = (
    "Elm Street",
    "Maple Avenue",
    "Park Street",
    "Main Street",
    "Washington Street",
    "Chapel Street",
    "Grand Avenue",
    "Prospect Street",
    "Broad Street",
    "Oak Street",
)


SCENARIOS = (
    ("transfer", 40),
    ("over_48", 20),
    ("notify", 20),
    ("interview", 10),
    ("admin_warrant", 10),
)


NOTES = (
    "Client prefers calls after 6 pm; do not leave voicemail.",
    "Cliente prefiere comunicación en español; hermana ayuda con documentos.",
    "Requested booking and release records (FOI) from the agency.",
    "Family member has a copy of the detainer form; asked for a photo.",
    "Screened for exceptions: no conviction records found so far.",
    "Kliyan an pito pale kreyòl; entèprèt nesesè pou randevou.",
    "Bond receipt shows posted amount; release was delayed by the detainer.",
    "Witness saw the transfer to ICE in the sally port; follow up for a statement.",
)
