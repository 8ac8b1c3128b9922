"""The one gate for uploaded files, whichever app takes them (papers, participants' letters).

filetypes/ judges a file by its content; handlers.py streams every upload of the site to disk,
keeps the name the browser sent and stores nothing for a page that takes no file; storagefull.py
answers 507 when the disk is full. It sits just above accounts (it uses the picture checks and
the text rules), below every app that takes files.
"""
