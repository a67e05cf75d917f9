package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.api.WarmUp;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;

/**
 * The warm-up of the engines in Fiji: it runs its two workloads to the end, does nothing once one of our
 * commands has started, stops inside a workload when told to, and starts no thread headless.
 */
class WarmUpServiceTest {

	@AfterEach
	void reset() {
		WarmUpService.reset();
	}

	@Test
	void itRunsBothWorkloads() {
		WarmUpService.reset();
		assertEquals(2, WarmUpService.run(0));
	}

	@Test
	void aCommandThatStartsStopsIt() {
		WarmUpService.reset();
		WarmUpService.commandStarted();
		assertEquals(0, WarmUpService.run(0));
	}

	@Test
	void itStopsInsideAWorkload() {
		// true from the 20th poll on: the engines poll while they run, so the first workload stops in
		// its middle and the second never starts
		final AtomicInteger polls = new AtomicInteger();
		assertEquals(0, WarmUp.all(() -> polls.incrementAndGet() >= 20));
		assertTrue(polls.get() >= 20 && polls.get() < 1000, "stopped soon after: " + polls.get() + " polls");
	}

	@Test
	void headlessThereIsNoWarmUp() {
		assertFalse(WarmUpService.wanted(), "the tests run headless");
		try (Context context = new Context(WarmUpService.class)) {
			assertFalse(context.service(WarmUpService.class).started());
		}
	}

	@Test
	void ourCommandsStopIt() {
		WarmUpService.reset();
		new CommandProgress(null);
		assertEquals(0, WarmUpService.run(0));
	}
}
