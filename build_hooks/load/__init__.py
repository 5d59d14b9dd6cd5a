"""Stage 1, load: brief files into data, each key and value with its line and column.

`files` finds the brief files and checks their names and places; `reader` parses one
file as a YAML event stream into a `document.Document`, refusing what briefs never need
(anchors, tags, duplicate keys, oversize or over-deep input) at the exact place it is
written; `text_checks` catches characters YAML lets through but a reviewer could miss;
`yaml_errors` turns the parser's syntax errors into one plain message each.
"""
