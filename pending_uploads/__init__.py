"""Uploads kept across a refused form: no file is lost because another field had an error.

A file chosen in a form that comes back with errors is kept server-side (in the
database, not under the public MEDIA_ROOT, and shared by every app server) and the
form shows "Image kept: banner.png" with a hidden token; saving again uses it unless
another file is chosen. Kept files expire after a day. See `widgets.KeptFileInput`
and `keep_uploads()`, which a ModelAdmin calls when it draws a refused form.
"""
