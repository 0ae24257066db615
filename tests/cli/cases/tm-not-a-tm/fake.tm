just text, not a database
