package org.signaltracker.netty.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.signaltracker.core.store.HashListFile;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentPage;
import org.signaltracker.core.store.TorrentQuery;
import org.signaltracker.core.store.TorrentStore;

/**
 * What each {@code torrents} command does to an open store, with its output: one line per torrent touched
 * or listed on standard output, problems on standard error. Output is meant for scripts: fixed columns,
 * tab-separated, no decoration. Not thread-safe; one per run.
 */
final class TorrentsActions {

    private final TorrentStore store;
    private final PrintStream out;
    private final PrintStream err;

    TorrentsActions(TorrentStore store, PrintStream out, PrintStream err) {
        this.store = store;
        this.out = out;
        this.err = err;
    }

    int run(TorrentsArguments a) throws StoreException, IOException {
        return switch (a.command()) {
            case "add" -> add(a);
            case "remove" -> remove(a.hashes());
            case "allow", "deny" -> setAllowed(a.hashes(), a.command().equals("allow"));
            case "list" -> list(a);
            case "import" -> importFile(a.file(), !a.denied());
            default -> export(a.file(), a.standing());
        };
    }

    private int add(TorrentsArguments a) throws StoreException {
        InfoHash hash = a.hashes().get(0);
        boolean created = store.put(new TorrentEntry(hash, a.name(), a.comment(), !a.denied()), now());
        out.println((created ? "added\t" : "replaced\t") + hash);
        return TorrentsCommand.OK;
    }

    private int remove(List<InfoHash> hashes) throws StoreException {
        int status = TorrentsCommand.OK;
        for (InfoHash hash : hashes) {
            if (store.remove(hash)) {
                out.println("removed\t" + hash);
            } else {
                err.println("signal-tracker torrents: not registered: " + hash);
                status = TorrentsCommand.NOT_DONE;
            }
        }
        return status;
    }

    private int setAllowed(List<InfoHash> hashes, boolean allowed) throws StoreException {
        for (InfoHash hash : hashes) {
            boolean created = store.setAllowed(hash, allowed, now());
            out.println((allowed ? "allowed\t" : "denied\t") + hash + (created ? "\t(registered)" : ""));
        }
        return TorrentsCommand.OK;
    }

    private int list(TorrentsArguments a) throws StoreException {
        TorrentQuery query = new TorrentQuery(a.standing(), a.name() == null ? "" : a.name(), a.after(),
                a.all() ? TorrentQuery.MAX_LIMIT : a.limit());
        while (true) {
            TorrentPage page = store.list(query);
            for (StoredTorrent t : page.torrents()) {
                out.println(t.infoHash() + "\t" + (t.allowed() ? "allowed" : "denied") + "\t" + t.completed()
                        + "\t" + time(t.addedAtEpochSecond()) + "\t" + time(t.firstSeenEpochSecond())
                        + "\t" + time(t.lastSeenEpochSecond()) + "\t" + (t.name() == null ? "" : oneLine(t.name())));
            }
            if (page.next() == null) {
                return TorrentsCommand.OK;
            }
            if (!a.all()) {
                err.println("more: the next page starts after " + page.next() + " (--after " + page.next() + ")");
                return TorrentsCommand.OK;
            }
            query = query.after(page.next());
        }
    }

    /**
     * Checks the whole file first, so a bad line imports nothing. Then each line is one write (a name from
     * the file replaces the stored one; the comment stays): a database failure part-way leaves the lines
     * before it written, and running the import again is harmless.
     */
    private int importFile(String file, boolean allowed) throws StoreException, IOException {
        List<HashListFile.Line> lines;
        try {
            lines = HashListFile.parse(read(file));
        } catch (HashListFile.BadFileException e) {
            err.println("signal-tracker torrents: " + name(file) + ": nothing imported, bad lines:");
            err.println(e.getMessage().indent(2).stripTrailing());
            return TorrentsCommand.NOT_DONE;
        }
        int created = 0;
        for (HashListFile.Line line : lines) {
            Optional<StoredTorrent> stored = store.get(line.infoHash());
            String name = line.name() != null ? line.name() : stored.map(StoredTorrent::name).orElse(null);
            String comment = stored.map(StoredTorrent::comment).orElse(null);
            if (store.put(new TorrentEntry(line.infoHash(), name, comment, allowed), now())) {
                created++;
            }
        }
        out.println("imported\t" + lines.size() + "\t(" + created + " new, " + (lines.size() - created)
                + " updated, " + (allowed ? "allowed" : "denied") + ")");
        return TorrentsCommand.OK;
    }

    private List<String> read(String file) throws IOException {
        if (file.equals("-")) {
            return new java.io.BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList();
        }
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new IOException(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private int export(String file, TorrentQuery.Standing standing) throws StoreException, IOException {
        String which = switch (standing) {
            case ANY -> "all";
            case ALLOWED -> "allowed";
            case DENIED -> "denied";
        };
        StringBuilder text = new StringBuilder("# signal-tracker torrents export (" + which + "): info hash, then name\n");
        TorrentQuery query = new TorrentQuery(standing, "", null, TorrentQuery.MAX_LIMIT);
        int count = 0;
        while (true) {
            TorrentPage page = store.list(query);
            for (StoredTorrent t : page.torrents()) {
                text.append(HashListFile.format(t.infoHash(), t.name())).append('\n');
                count++;
            }
            if (page.next() == null) {
                break;
            }
            query = query.after(page.next());
        }
        if (file == null) {
            out.print(text);
            return TorrentsCommand.OK;
        }
        try (Writer writer = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
            writer.write(text.toString());
        } catch (IOException e) {
            throw new IOException(file + ": cannot write (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        out.println("exported\t" + count + "\t" + file);
        return TorrentsCommand.OK;
    }

    private static String name(String file) {
        return file.equals("-") ? "standard input" : file;
    }

    private static String time(long epochSecond) {
        return epochSecond == StoredTorrent.NEVER ? "-" : Instant.ofEpochSecond(epochSecond).toString();
    }

    private static String oneLine(String text) {
        return text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
