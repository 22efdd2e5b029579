package dev.claudebedrock.bench.profile;

/** One round of a profile's warm-up: the gateway's CPU per request, and what its JIT compilers took of it. */
public record WarmupRound(double cpuMicros, double compilerMicros) {}
