"""Security administration screens: role editor, audit viewer, application settings."""
