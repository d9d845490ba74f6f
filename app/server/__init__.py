"""The local OpenAI-compatible API (``r1desk serve`` and Settings → Local server).

Editors and scripts on this machine talk to the loaded model through the API they already
speak; every request follows the R1 protocol. Only ``routes.py`` (Starlette, sse-starlette) and
``runner.py`` (uvicorn) import the HTTP stack, and nothing imports them until a server starts.
"""
