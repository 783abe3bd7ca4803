"""Account services: passwords, throttling, single-use links, two-factor codes."""
