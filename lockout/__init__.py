"""Admin brute-force lockout: django-axes wired for Pressroom (lockout page, Editor may unlock)."""
