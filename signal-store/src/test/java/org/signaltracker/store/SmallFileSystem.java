package org.signaltracker.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a few hundred KiB mounted on a fresh directory, so a test can fill it to ENOSPC without
 * touching any real disk. Mounting needs root (CAP_SYS_ADMIN); without it the test is skipped with the
 * reason printed. Close unmounts it.
 */
public final class SmallFileSystem implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Mounts a tmpfs of {@code kibibytes} on {@code mountPoint} (an empty directory), or skips the test. */
    public static SmallFileSystem mount(Path mountPoint, int kibibytes) throws Exception {
        String reason = "cannot mount a tmpfs (needs root with CAP_SYS_ADMIN), so no file system can be filled";
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + kibibytes + "k", "tmpfs", mountPoint.toString());
        if (!mounted) {
            System.out.println("SKIPPED: " + reason);
        }
        Assumptions.assumeTrue(mounted, reason);
        return new SmallFileSystem(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a filler file until the file system says no space is left. */
    public void fill() throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 1_000_000; i++) { // bounded: far more than any tmpfs this class mounts
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (Files.getFileStore(mountPoint).getUsableSpace() >= block.length) {
                throw full;
            }
            return;
        }
        throw new IllegalStateException(mountPoint + " never filled up");
    }

    /** Removes the filler, giving the space back. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException {
        if (!run("umount", "-l", mountPoint.toString())) {
            throw new IllegalStateException("could not unmount the test tmpfs at " + mountPoint);
        }
    }

    private static boolean run(String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            return false;
        }
        process.getInputStream().readAllBytes();
        try {
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
