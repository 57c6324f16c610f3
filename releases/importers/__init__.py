"""Bringing releases in from elsewhere.

text/       a release as written (plain text, pasted rich text, .docx, .md, .html,
            .txt) becomes a structured draft: pure Python, no Django models.
wordpress/  a WordPress export (WXR) read as a stream of posts.
"""
