// Ports the OS says are free right now: a random pick could collide with another server or with the local ports
// of outgoing connections.
import net from 'node:net';

/** Free TCP ports on `host` (held together so that they differ, then released). */
export async function freePorts(host: string, count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** One free loopback port. */
export async function freePort(): Promise<number> {
  return (await freePorts('127.0.0.1', 1))[0]!;
}
