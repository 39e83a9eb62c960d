"""Calendar invites: iCalendar export (REQUEST, CANCEL, PUBLISH) and import of other calendars' files."""
