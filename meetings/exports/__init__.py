"""The programme outside its page: calendar files (calendar.py), the frab schedule that
conference apps read (frab.py) and the printable PDF (pdf.py), all from source.py."""
