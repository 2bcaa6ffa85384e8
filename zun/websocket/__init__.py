"""The websocket proxy for attach and interactive exec sessions.

zun-api hands out a URL of the proxy with a single-use token (``tokens``).
The proxy checks the handshake (``handshake``), opens the engine stream
through the container driver, and relays bytes both ways (``relay``,
``server``).

A proxy streams from the engine of its own host only, through the
driver's local connection, so every compute host runs one (zun-all runs
it in-process). Routing follows from configuration: zun-compute returns
its own ``[websocket_proxy] base_url`` to zun-api, so each URL points to
the proxy next to the container, and a proxy rejects a container of
another host. Both read the tokens and execs from the shared database.
"""
