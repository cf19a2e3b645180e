"""Forge (Custom UI + Forge Remote): FIT verification, the JWKS, installations, the trigger."""
