"""The Help menu: the user guide (one page per screen), the keyboard shortcuts, About."""
