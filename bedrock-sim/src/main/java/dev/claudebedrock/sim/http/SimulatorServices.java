package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.auth.Authenticator;
import dev.claudebedrock.sim.control.ControlApi;
import dev.claudebedrock.sim.control.RequestRecorder;
import dev.claudebedrock.sim.faults.FaultQueue;
import dev.claudebedrock.sim.models.ModelCatalog;
import dev.claudebedrock.sim.reply.ReplyEngine;
import dev.claudebedrock.sim.stream.Timing;
import dev.claudebedrock.sim.validation.InvokeBodyValidator;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared, thread-safe state every event loop serves from.
 *
 * @param authenticator judges credentials
 * @param catalog       models and inference profiles
 * @param validator     InvokeModel body rules
 * @param replies       reply generation and token accounting
 * @param faults        scripted faults
 * @param recorder      recorded requests
 * @param timing        current latency model
 * @param controlApi    the control API, or null when disabled
 */
public record SimulatorServices(Authenticator authenticator, ModelCatalog catalog, InvokeBodyValidator validator,
    ReplyEngine replies, FaultQueue faults, RequestRecorder recorder,
    AtomicReference<Timing> timing, ControlApi controlApi) {}
