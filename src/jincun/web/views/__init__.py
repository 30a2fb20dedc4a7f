"""Work pages for the hub, town nodes, stations and village proxies, one module per workplace."""
