"""Lync–Skype Connect: a guided-setup wizard for public IM connectivity between Lync and Skype."""

__version__ = "0.1.0"
APP_NAME = "LyncSkypeWizard"
APP_DISPLAY_NAME = "Lync–Skype Connect"
