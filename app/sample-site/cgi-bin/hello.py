#!/usr/bin/env python3
"""A CGI program (RFC 3875): the server runs it for each request and sends what it prints.

The request arrives as environment variables (REQUEST_METHOD, QUERY_STRING, ...) and, for a
POST, the body on standard input. The program prints headers, an empty line, then the body.
"""
import html
import os
import sys
from urllib.parse import parse_qs

MAX_BODY = 64 * 1024  # never read more than this from a client

params = parse_qs(os.environ.get("QUERY_STRING", ""))
if os.environ.get("REQUEST_METHOD") == "POST":
    try:
        length = min(int(os.environ.get("CONTENT_LENGTH") or 0), MAX_BODY)
    except ValueError:
        length = 0
    params.update(parse_qs(sys.stdin.read(length)))

name = (params.get("name") or ["world"])[0][:100]
shown = [
    "REQUEST_METHOD", "QUERY_STRING", "SERVER_PROTOCOL", "SERVER_SOFTWARE",
    "REMOTE_ADDR", "SCRIPT_NAME", "HTTP_USER_AGENT",
]
rows = "\n".join(
    f"<tr><th>{var}</th><td>{html.escape(os.environ.get(var, ''))}</td></tr>" for var in shown
)

body = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hello from CGI</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto">
<h1>Hello, {html.escape(name)}!</h1>
<p>This page did not exist a moment ago: the server ran <code>cgi-bin/hello.py</code>, a small
Python program, and sent you what it printed. Here is part of what the server told the program
about your request, through environment variables:</p>
<table border="1" cellpadding="4">{rows}</table>
<form method="post"><p>Try a POST: <input name="name" value="{html.escape(name)}">
<button>Send</button></p></form>
<p><a href="../">Back to the start page</a></p>
</body></html>
"""

data = body.encode("utf-8")
sys.stdout.write("Content-Type: text/html; charset=utf-8\r\n")
sys.stdout.write(f"Content-Length: {len(data)}\r\n\r\n")
sys.stdout.flush()
sys.stdout.buffer.write(data)
