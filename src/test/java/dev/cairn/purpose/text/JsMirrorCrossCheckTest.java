package dev.cairn.purpose.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the browser module webroot/js/purpose/ot-text.js under node on seeded random cases and
 * checks it returns exactly what the Java implementation returns. Skipped when node is missing.
 */
class JsMirrorCrossCheckTest {
    private static final Path MODULE = Path.of("webroot/js/purpose/ot-text.js");
    private static final int CASES = 300;

    /** Reads calls as JSON on stdin and answers each with {ok: result} or {error: message}. */
    private static final String DRIVER = String.join("\n",
            "import { readFileSync } from 'node:fs';",
            "const ot = await import(process.argv[2]);",
            "const calls = JSON.parse(readFileSync(0, 'utf8'));",
            "const results = calls.map(({ fn, args }) => {",
            "  try { return { ok: ot[fn](...args) }; }",
            "  catch (e) { return { error: String(e && e.message) }; }",
            "});",
            "process.stdout.write(JSON.stringify(results));",
            "");

    private record Call(String fn, List<Object> args) {
    }

    @TempDir
    Path tmp;

    @Test
    void javaScriptMirrorGivesTheSameResultsAsJava() throws Exception {
        Assumptions.assumeTrue(nodeAvailable(), "node is not on the PATH");
        assertTrue(Files.isRegularFile(MODULE), "missing " + MODULE.toAbsolutePath());

        long seed = Long.getLong("cairn.ot.seed", 0x0CA1A4L);
        System.out.println("JS cross-check seed=" + seed);
        List<Call> calls = randomCalls(new RandomOps(seed));
        calls.addAll(malformedCalls());

        List<?> results = runNode(calls);
        assertEquals(calls.size(), results.size());
        int errors = 0;
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            Map<?, ?> js = (Map<?, ?>) results.get(i);
            Object java;
            try {
                java = runJava(call);
            } catch (InvalidOpException e) {
                errors++;
                assertTrue(js.containsKey("error"), "seed=" + seed + " Java rejected (" + e.getMessage()
                        + ") but JS accepted " + describe(call) + " -> " + js);
                continue;
            }
            assertEquals(java, js.get("ok"), "seed=" + seed + " " + describe(call) + " JS said " + js);
        }
        assertTrue(errors > 20, "too few rejected cases to compare errors: " + errors);
    }

    private static List<Call> randomCalls(RandomOps random) {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(12);
            List<Object> a = random.op(doc).toWire();
            List<Object> b = random.op(doc).toWire();
            List<Object> rawA = TextOp.of(random.rawParts(doc).toArray()).toWire();
            List<Object> rawB = TextOp.of(random.rawParts(doc).toArray()).toWire();
            List<Object> next = random.op(TextType.apply(doc, TextOp.fromWire(a))).toWire();
            int cursor = random.random().nextInt(doc.length() + 2);
            calls.add(new Call("apply", List.of(doc, a)));
            calls.add(new Call("apply", List.of(doc, rawA)));
            calls.add(new Call("transform", List.of(a, b, "left")));
            calls.add(new Call("transform", List.of(a, b, "right")));
            calls.add(new Call("transform", List.of(rawA, rawB, i % 2 == 0 ? "left" : "right")));
            calls.add(new Call("compose", List.of(a, next)));
            calls.add(new Call("compose", List.of(rawA, b)));
            calls.add(new Call("normalize", List.of(rawA)));
            calls.add(new Call("isNoop", List.of(rawA)));
            calls.add(new Call("transformCursor", List.of(cursor, a, false)));
            calls.add(new Call("transformCursor", List.of(cursor, rawA, true)));
            TextOp split = random.pairSplittingOp(doc);
            if (split != null) {
                calls.add(new Call("apply", List.of(doc, split.toWire())));
            }
            calls.add(new Call("apply", List.of(doc, List.of(doc.length() + 1))));
            calls.add(new Call("apply", List.of(doc, List.of(Map.of("d", doc.length() + 1)))));
        }
        return calls;
    }

    /** Inputs both sides must refuse. */
    private static List<Call> malformedCalls() {
        List<List<?>> bad = List.of(List.of(0), List.of(-2), List.of(1.5), List.of(""),
                List.of(Map.of("d", 0)), List.of(Map.of("d", 2.5)), List.of(Map.of("x", 1)),
                List.of(Map.of("d", 1, "e", 1)), List.of(true), List.of(List.of(1)), Arrays.asList(1, null));
        List<Call> calls = new ArrayList<>();
        for (List<?> op : bad) {
            calls.add(new Call("normalize", List.of(op)));
            calls.add(new Call("apply", List.of("abcdef", op)));
            calls.add(new Call("transform", List.of(op, List.of("x"), "left")));
            calls.add(new Call("compose", List.of(List.of("x"), op)));
        }
        calls.add(new Call("apply", List.of("ab", List.of(1, "\uD83D"))));
        calls.add(new Call("apply", List.of("ab", List.of("x\uDE00"))));
        return calls;
    }

    /** The Java counterpart of what the driver does with one call. */
    private static Object runJava(Call call) {
        List<Object> args = call.args();
        switch (call.fn()) {
            case "apply":
                return TextType.apply((String) args.get(0), op(args.get(1)));
            case "transform":
                Side side = "left".equals(args.get(2)) ? Side.LEFT : Side.RIGHT;
                return TextType.transform(op(args.get(0)), op(args.get(1)), side).toWire();
            case "compose":
                return TextType.compose(op(args.get(0)), op(args.get(1))).toWire();
            case "normalize":
                return op(args.get(0)).normalize().toWire();
            case "isNoop":
                return op(args.get(0)).isNoop();
            case "transformCursor":
                return TextType.transformCursor((Integer) args.get(0), op(args.get(1)), (Boolean) args.get(2));
            default:
                throw new IllegalArgumentException(call.fn());
        }
    }

    private static TextOp op(Object wire) {
        return TextOp.fromWire((List<?>) wire);
    }

    private static String describe(Call call) {
        return call.fn() + MiniJson.write(call.args());
    }

    private List<?> runNode(List<Call> calls) throws IOException, InterruptedException {
        Path driver = tmp.resolve("ot-text-driver.mjs");
        Files.writeString(driver, DRIVER, StandardCharsets.UTF_8);
        Path stderr = tmp.resolve("node-stderr.txt");
        String moduleUrl = MODULE.toAbsolutePath().toUri().toString();
        Process node = new ProcessBuilder("node", driver.toString(), moduleUrl)
                .redirectError(stderr.toFile())
                .start();
        List<Object> wireCalls = new ArrayList<>();
        for (Call call : calls) {
            wireCalls.add(Map.of("fn", call.fn(), "args", call.args()));
        }
        try (OutputStream in = node.getOutputStream()) {
            in.write(MiniJson.write(wireCalls).getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("node did not finish within 60 s");
        }
        if (node.exitValue() != 0) {
            fail("node exited with " + node.exitValue() + ": " + Files.readString(stderr));
        }
        return (List<?>) MiniJson.parse(out);
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
