package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.LoadResult;
import java.time.Duration;

/**
 * Many long-lived streams through the gateway at once.
 *
 * @param streams streams opened
 * @param ramp the time over which they were opened
 * @param streamSeconds how long each lasts (reply tokens / the simulator's pace)
 * @param upstreamHttpVersion the gateway's HTTP version to the simulator
 * @param load what the clients saw
 * @param rssBeforeBytes the gateway's resident memory before the streams were opened
 * @param peakRssBytes its peak while they were open (sampled every second)
 * @param meanCpuPercent its mean CPU over the run, in percent of one core
 */
public record ConcurrentStreamsResult(int streams, Duration ramp, double streamSeconds, String upstreamHttpVersion,
    LoadResult load, long rssBeforeBytes, long peakRssBytes, double meanCpuPercent) {}
