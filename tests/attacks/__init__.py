"""Attacker's payloads (payloads.py) and the black-box harness that tries them (harness.py)."""
