"""Pure rules: screening, deadlines, the court calendar, custody-time math, value objects.

Nothing here touches the database, the clock, the UI or documents. "Today" is always a parameter.
"""
