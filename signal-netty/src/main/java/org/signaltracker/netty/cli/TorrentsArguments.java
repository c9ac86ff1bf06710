package org.signaltracker.netty.cli;

import java.util.ArrayList;
import java.util.List;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentQuery;

/**
 * One {@code torrents} command as parsed from its arguments, checked before the database is opened, so a
 * typo costs no connection. Every refusal is an {@link IllegalArgumentException} whose message says what
 * was wrong. Immutable.
 *
 * @param command  add, remove, allow, deny, list, import or export
 * @param hashes   the hashes named (add: one; remove, allow, deny: one or more)
 * @param name     add's {@code --name}, list's {@code --name} filter, or {@code null}
 * @param comment  add's {@code --comment}, or {@code null}
 * @param denied   add's and import's {@code --deny}
 * @param standing list's and export's filter
 * @param after    list's {@code --after}, or {@code null}
 * @param limit    list's page size
 * @param all      list's {@code --all}: every page
 * @param file     import's file ({@code -} for standard input), export's ({@code null}: standard output)
 */
record TorrentsArguments(String command, List<InfoHash> hashes, String name, String comment, boolean denied,
        TorrentQuery.Standing standing, InfoHash after, int limit, boolean all, String file) {

    static final int DEFAULT_LIMIT = 100;

    static TorrentsArguments parse(List<String> args) {
        String command = args.get(0);
        List<InfoHash> hashes = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String name = null;
        String comment = null;
        boolean denied = false;
        TorrentQuery.Standing standing = TorrentQuery.Standing.ANY;
        InfoHash after = null;
        Integer limit = null;
        boolean all = false;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--name" -> name = value(args, i++, arg);
                case "--comment" -> comment = value(args, i++, arg);
                case "--deny" -> denied = true;
                case "--allowed", "--denied" -> {
                    if (standing != TorrentQuery.Standing.ANY) {
                        throw new IllegalArgumentException("--allowed and --denied exclude each other");
                    }
                    standing = arg.equals("--allowed") ? TorrentQuery.Standing.ALLOWED : TorrentQuery.Standing.DENIED;
                }
                case "--after" -> after = hash(value(args, i++, arg));
                case "--limit" -> limit = limit(value(args, i++, arg));
                case "--all" -> all = true;
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException(command + ": unknown option '" + arg + "'");
                    }
                    if (command.equals("import") || command.equals("export")) {
                        files.add(arg);
                    } else {
                        hashes.add(hash(arg));
                    }
                }
            }
        }
        if (limit != null && all) {
            throw new IllegalArgumentException("--limit and --all exclude each other");
        }
        TorrentsArguments parsed = new TorrentsArguments(command, List.copyOf(hashes), name, comment, denied,
                standing, after, limit == null ? DEFAULT_LIMIT : limit, all, files.isEmpty() ? null : files.get(0));
        parsed.check(files.size(), limit != null);
        return parsed;
    }

    /** Which options and how many operands each command takes. */
    private void check(int fileCount, boolean limitGiven) {
        boolean listing = command.equals("list");
        boolean filtered = command.equals("list") || command.equals("export");
        boolean adding = command.equals("add");
        switch (command) {
            case "add" -> operands(hashes.size() == 1, "add takes one info hash");
            case "remove", "allow", "deny" -> operands(!hashes.isEmpty(), command + " takes one or more info hashes");
            case "list" -> operands(hashes.isEmpty(), "list takes no info hash (use --after HEX for a page)");
            case "import" -> operands(fileCount == 1, "import takes one file ('-' for standard input)");
            case "export" -> operands(fileCount <= 1, "export takes at most one file");
            default -> throw new IllegalArgumentException("unknown command '" + command
                    + "' (expected: add, remove, allow, deny, list, import, export)");
        }
        only(comment != null, adding, "--comment");
        only(name != null, adding || listing, "--name");
        only(denied, adding || command.equals("import"), "--deny");
        only(standing != TorrentQuery.Standing.ANY, filtered, "--" + standing.name().toLowerCase(java.util.Locale.ROOT));
        only(after != null, listing, "--after");
        only(limitGiven, listing, "--limit");
        only(all, listing, "--all");
        if (name != null) {
            new TorrentEntry(hashes.isEmpty() ? InfoHash.of(new byte[InfoHash.BYTES]) : hashes.get(0), name, comment, true);
        } else if (comment != null) {
            new TorrentEntry(hashes.get(0), null, comment, true);
        }
    }

    private static void operands(boolean right, String rule) {
        if (!right) {
            throw new IllegalArgumentException(rule);
        }
    }

    private void only(boolean given, boolean applies, String option) {
        if (given && !applies) {
            throw new IllegalArgumentException(command + " does not take " + option);
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i + 1);
    }

    private static InfoHash hash(String hex) {
        try {
            return InfoHash.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + (hex.length() > 64 ? hex.substring(0, 64) + "..." : hex)
                    + "': " + e.getMessage());
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= TorrentQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("--limit: " + text + " (expected: 1.." + TorrentQuery.MAX_LIMIT + ")");
    }
}
