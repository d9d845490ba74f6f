"""Running a model: the Engine interface, the local llama.cpp engine in a child process, and how loads are planned."""
