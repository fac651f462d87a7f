"""Course packages for learning platforms: SCORM 1.2, SCORM 2004 and IMS Common Cartridge."""
