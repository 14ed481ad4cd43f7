"""The matter workspace's tabs, one module each (the matter screen only composes them)."""
