"""Customer screens: the list with search, filters and saved filters; detail; batch actions; import."""
