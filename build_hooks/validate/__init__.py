"""Stage 2, validate: each loaded brief against its kind's JSON Schema.

`schemas` reads the schemas and follows their references; `validator` reports what is
wrong in words, at the position of the value at fault; `formats` checks dates and web
addresses; `fields` reads from the schemas which fields link to other briefs, which hold
Markdown and how each is shown; `examples` writes schema examples as brief YAML.
"""
