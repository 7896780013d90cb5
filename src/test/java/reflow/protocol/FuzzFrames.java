package reflow.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import reflow.protocol.wire.MessageSigner;

/**
 * Random and malformed Jupyter frames for {@link ProtocolFuzzTest}, each with what the kernel must do
 * with it. Deterministic for a seed; the cases never ask the kernel to stop, sleep or read stdin.
 */
final class FuzzFrames {
    enum Expect {
        /** Logged as one "dropped malformed message" line, nothing else happens. */
        DROPPED,
        /** A reply parented to {@link Case#msgId()} comes back on the same channel. */
        REPLIED,
        /** Accepted, but no reply can be matched (unknown type, no msg_id): only survival is checked. */
        SILENT
    }

    record Case(String kind, Channel channel, List<byte[]> frames, Expect expect, String msgId) {}

    private static final String DELIMITER = "<IDS|MSG>";
    private static final List<String> SHELL_TYPES = List.of("execute_request", "kernel_info_request",
            "complete_request", "inspect_request", "is_complete_request", "history_request", "comm_info_request");
    /** Values of the wrong JSON type for any field. */
    private static final List<String> WRONG_VALUES = List.of("null", "5", "-1.5e300", "true", "[]", "[1,[2]]",
            "{}", "{\"a\":{\"b\":[]}}", "\"\"", "\"\\u0000\"", "\"" + "x".repeat(300) + "\"", "9223372036854775808");

    private final Random random;
    private final MessageSigner signer;

    FuzzFrames(long seed, String key) {
        this.random = new Random(seed);
        this.signer = new MessageSigner(key);
    }

    /** The next case; {@code huge} asks for a frame of several megabytes. */
    Case next(boolean huge) {
        Channel channel = random.nextInt(3) == 0 ? Channel.CONTROL : Channel.SHELL;
        if (huge) {
            return huge(channel);
        }
        return switch (random.nextInt(11)) {
            case 0 -> garbage(channel);
            case 1 -> wrongDelimiter(channel);
            case 2 -> unsigned(channel);
            case 3 -> badSignature(channel);
            case 4 -> badJson(channel);
            case 5 -> nonObjectJson(channel);
            case 6 -> missingHeaderFields(channel);
            case 7, 8 -> wrongContentTypes(channel);
            case 9 -> unknownType(channel);
            default -> extraFrames(channel);
        };
    }

    private Case garbage(Channel channel) {
        List<byte[]> frames = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            byte[] frame = new byte[random.nextInt(200)];
            random.nextBytes(frame);
            frames.add(frame);
        }
        return new Case("garbage", channel, frames, Expect.DROPPED, null);
    }

    private Case wrongDelimiter(Channel channel) {
        String id = id();
        List<byte[]> frames = signed(validHeader(requestType(channel), id), "{}", content(channel));
        String[] wrong = {"<IDS|MSG", "<ids|msg>", "IDS|MSG", " <IDS|MSG>", ""};
        frames.set(0, b(wrong[random.nextInt(wrong.length)]));
        return new Case("wrong delimiter", channel, frames, Expect.DROPPED, null);
    }

    private Case unsigned(Channel channel) {
        List<byte[]> frames = signed(validHeader(requestType(channel), id()), "{}", content(channel));
        frames.set(1, new byte[0]);
        return new Case("unsigned", channel, frames, Expect.DROPPED, null);
    }

    private Case badSignature(Channel channel) {
        List<byte[]> frames = signed(validHeader(requestType(channel), id()), "{}", content(channel));
        byte[] signature = new byte[32];
        random.nextBytes(signature);
        frames.set(1, b(HexFormat.of().formatHex(signature)));
        return new Case("bad signature", channel, frames, Expect.DROPPED, null);
    }

    private Case badJson(Channel channel) {
        String header = validHeader(requestType(channel), id());
        String[] parts = {header, "{}", "{}", content(channel)};
        int broken = random.nextInt(4);
        String text = parts[broken];
        parts[broken] = switch (random.nextInt(4)) {
            case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length() - 1)));
            case 1 -> text + "}"; // trailing data after the object
            case 2 -> text.contains(":") ? text.replace(":", "=") : "{=}";
            default -> "{\"a\": \uFFFF" + text;
        };
        return new Case("bad JSON", channel, signedRaw(parts), Expect.DROPPED, null);
    }

    private Case nonObjectJson(Channel channel) {
        String[] parts = {validHeader(requestType(channel), id()), "{}", "{}", content(channel)};
        String[] nonObjects = {"[]", "5", "\"text\"", "null", "true", "[{}]"};
        parts[random.nextInt(4)] = nonObjects[random.nextInt(nonObjects.length)];
        return new Case("JSON that is not an object", channel, signedRaw(parts), Expect.DROPPED, null);
    }

    private Case missingHeaderFields(Channel channel) {
        String type = requestType(channel);
        String id = id();
        return switch (random.nextInt(4)) {
            case 0 -> new Case("header without msg_type", channel, signed("{\"msg_id\":\"" + id + "\"}", "{}",
                    content(channel)), Expect.DROPPED, null);
            case 1 -> new Case("msg_type of a wrong type", channel, signed("{\"msg_id\":\"" + id
                    + "\",\"msg_type\":" + nonString() + "}", "{}", content(channel)), Expect.DROPPED, null);
            case 2 -> new Case("header with only msg_id and msg_type", channel, signed("{\"msg_id\":\"" + id
                    + "\",\"msg_type\":\"" + type + "\"}", "{}", content(channel)), Expect.REPLIED, id);
            default -> new Case("header without msg_id", channel, signed("{\"msg_type\":\"" + type
                    + "\",\"session\":\"" + id + "\"}", "{}", content(channel)), Expect.SILENT, null);
        };
    }

    private Case wrongContentTypes(Channel channel) {
        String type = requestType(channel);
        String id = id();
        String[] fields = {"code", "cursor_pos", "detail_level", "silent", "store_history", "user_expressions",
                "allow_stdin", "stop_on_error", "hist_access_type", "n", "output", "raw", "target_name"};
        StringBuilder content = new StringBuilder("{");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            content.append(i == 0 ? "" : ",").append('"').append(fields[random.nextInt(fields.length)])
                    .append("\":").append(WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size())));
        }
        content.append('}');
        // Header fields of wrong types too, sometimes (the id stays a string so that the reply can be matched).
        String header = random.nextBoolean() ? validHeader(type, id)
                : "{\"msg_id\":\"" + id + "\",\"msg_type\":\"" + type + "\",\"session\":" + wrong() + ",\"date\":"
                + wrong() + ",\"version\":" + wrong() + ",\"username\":" + wrong() + "}";
        return new Case("wrong types in fields", channel, signed(header, "{}", content.toString()),
                Expect.REPLIED, id);
    }

    private Case unknownType(Channel channel) {
        String[] types = {"fuzz_request", "execute_reply", "comm_msg", "comm_close", "status", "input_reply",
                channel == Channel.CONTROL ? "execute_request" : "debug_request"};
        return new Case("unknown msg_type", channel, signed(validHeader(types[random.nextInt(types.length)],
                id()), "{}", "{}"), Expect.SILENT, null);
    }

    private Case extraFrames(Channel channel) {
        String id = id();
        List<byte[]> frames = signed(validHeader(requestType(channel), id), "{}", content(channel));
        if (random.nextBoolean()) {
            frames.add(0, b("routing-" + random.nextInt(1000))); // more identities before the delimiter
        } else {
            byte[] buffer = new byte[random.nextInt(1000)];
            random.nextBytes(buffer);
            frames.add(buffer); // binary buffers after content
        }
        return new Case("extra frames", channel, frames, Expect.REPLIED, id);
    }

    private Case huge(Channel channel) {
        if (random.nextBoolean()) {
            byte[] frame = new byte[16 << 20];
            random.nextBytes(frame);
            return new Case("huge garbage frame", channel, List.of(b(DELIMITER), frame), Expect.DROPPED, null);
        }
        String id = id();
        String metadata = "{\"padding\":\"" + "p".repeat(8 << 20) + "\"}";
        return new Case("huge signed metadata", channel,
                signed(validHeader(channel == Channel.CONTROL ? "kernel_info_request" : "kernel_info_request", id),
                        metadata, "{}"), Expect.REPLIED, id);
    }

    // ---- parts

    private String requestType(Channel channel) {
        if (channel == Channel.CONTROL) {
            return random.nextBoolean() ? "kernel_info_request" : "interrupt_request";
        }
        return SHELL_TYPES.get(random.nextInt(SHELL_TYPES.size()));
    }

    /** Content that is valid for any request type; code never names one of EchoKernel's commands. */
    private String content(Channel channel) {
        return "{\"code\":\"fz" + random.nextInt(1_000_000) + "\",\"cursor_pos\":2,\"detail_level\":0,"
                + "\"hist_access_type\":\"tail\",\"n\":3,\"output\":false,\"raw\":true,\"silent\":false,"
                + "\"store_history\":true,\"allow_stdin\":false,\"stop_on_error\":false}";
    }

    private String validHeader(String type, String id) {
        return "{\"msg_id\":\"" + id + "\",\"msg_type\":\"" + type + "\",\"session\":\"fuzz\",\"username\":\"f\","
                + "\"date\":\"2026-12-01T00:00:00.000000Z\",\"version\":\"5.3\"}";
    }

    private String nonString() {
        String value;
        do {
            value = wrong();
        } while (value.startsWith("\"") && !value.equals("\"\"")); // "" counts as no msg_type
        return value;
    }

    private String wrong() {
        return WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size()));
    }

    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private List<byte[]> signed(String header, String metadata, String content) {
        return signedRaw(new String[] {header, "{}", metadata, content});
    }

    private List<byte[]> signedRaw(String[] parts) {
        byte[][] json = new byte[4][];
        for (int i = 0; i < 4; i++) {
            json[i] = b(parts[i]);
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(b(DELIMITER));
        frames.add(signer.sign(json[0], json[1], json[2], json[3]));
        for (byte[] part : json) {
            frames.add(part);
        }
        return frames;
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }
}
