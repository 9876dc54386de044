import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step (run by Maven after shading, with the JDK 25 toolchain): rewrites the classes of the
 * runnable jar whose class-file version is older than Java 6 (picocli targets Java 5) as Java 8
 * classes, with the stack maps the old format lacks, recomputed from the code. The bytecode is not
 * otherwise changed.
 *
 * <p>Why: the JVM keeps such old classes out of class-data sharing and refuses to write an AOT cache
 * that refers to them, so every start parsed and verified picocli's ~230 classes again. With them
 * modern, the launcher's AOT cache holds every class a command loads, already linked.
 *
 * <p>Usage: {@code java ModernizeClasses.java JAR} (the jar is replaced atomically).
 */
public final class ModernizeClasses {

    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    private ModernizeClasses() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java ModernizeClasses.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".modern.tmp");
        int rewritten = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ClassFile cf = ClassFile.of(
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            try (InputStream fin = Files.newInputStream(jar);
                    ZipInputStream in = new ZipInputStream(fin);
                    OutputStream fout = Files.newOutputStream(tmp);
                    ZipOutputStream out = new ZipOutputStream(fout)) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().endsWith(".class") && major(bytes) < JAVA_6) {
                        bytes = modernize(cf, bytes, e.getName());
                        rewritten++;
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime()); // same entry times: the jar stays reproducible
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("ModernizeClasses: " + rewritten + " classes older than Java 6 rewritten as Java 8 in "
                + jar.getFileName());
    }

    /** The class file's major version (bytes 6-7), or Integer.MAX_VALUE when it is not a class file. */
    static int major(byte[] b) {
        boolean magic = b.length >= 8
                && (b[0] & 0xff) == 0xca
                && (b[1] & 0xff) == 0xfe
                && (b[2] & 0xff) == 0xba
                && (b[3] & 0xff) == 0xbe;
        return magic ? ((b[6] & 0xff) << 8) | (b[7] & 0xff) : Integer.MAX_VALUE;
    }

    private static byte[] modernize(ClassFile cf, byte[] bytes, String name) {
        ClassModel model = cf.parse(bytes);
        try {
            return cf.transformClass(
                    model,
                    ClassTransform.dropping(e -> e instanceof ClassFileVersion)
                            // re-emitting each method body is what makes the stack maps be computed
                            .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))
                            .andThen(ClassTransform.endHandler(b -> b.with(ClassFileVersion.of(JAVA_8, 0)))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": cannot be rewritten as a Java 8 class: " + e.getMessage(), e);
        }
    }
}
