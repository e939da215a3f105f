// Conformance helper: Java's two ways to resolve a name.
//
// Usage: java -Dsun.net.inetaddr.ttl=0 PrefaceLookup inetaddress|jndi NAME
//   inetaddress  InetAddress.getAllByName: the JDK's resolver, which calls getaddrinfo(3).
//   jndi         JNDI's DNS provider (com.sun.jndi.dns) with provider URL `dns:`, so the servers
//                come from /etc/resolv.conf; asks for the A attribute of NAME.
// Prints each address on its own line, or `ERROR <exception>`; exits 0 either way.
import java.net.InetAddress;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;

public final class PrefaceLookup {
    public static void main(String[] arguments) {
        if (arguments.length != 2 || !(arguments[0].equals("inetaddress") || arguments[0].equals("jndi"))) {
            System.err.println("usage: PrefaceLookup inetaddress|jndi NAME");
            System.exit(64);
        }
        try {
            if (arguments[0].equals("inetaddress")) {
                for (InetAddress address : InetAddress.getAllByName(arguments[1])) {
                    System.out.println(address.getHostAddress());
                }
            } else {
                Hashtable<String, String> environment = new Hashtable<>();
                environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
                environment.put(Context.PROVIDER_URL, "dns:");
                InitialDirContext context = new InitialDirContext(environment);
                Attributes attributes = context.getAttributes(arguments[1], new String[] {"A"});
                Attribute addresses = attributes.get("A");
                if (addresses != null) {
                    NamingEnumeration<?> values = addresses.getAll();
                    while (values.hasMore()) {
                        System.out.println(values.next());
                    }
                }
                context.close();
            }
        } catch (Exception error) {
            // One line: the exception class says what kind of failure (UnknownHostException,
            // NameNotFoundException, CommunicationException…).
            String message = error.getMessage() == null ? "" : ": " + error.getMessage().replace('\n', ' ');
            System.out.println("ERROR " + error.getClass().getName() + message);
        }
    }
}
