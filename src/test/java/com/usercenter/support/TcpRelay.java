package com.usercenter.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay a test controls: it forwards connections to a real server until it is cut,
 * then drops every open connection and refuses new ones until it is restored. Used to
 * take PostgreSQL away from the service without touching the server other tests use. It
 * can also stall: keep every socket open, accept new ones, and forward nothing until it
 * resumes, as a middlebox that stopped forwarding or a host that died behind a NAT.
 */
public final class TcpRelay implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	private volatile boolean stalled;

	public TcpRelay(String targetHost, int targetPort) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		Thread acceptor = new Thread(this::accept, "tcp-relay");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Drops every connection and refuses new ones. */
	public void cut() {
		this.cut = true;
		this.open.forEach(TcpRelay::quietlyClose);
		this.open.clear();
	}

	public void restore() {
		this.cut = false;
	}

	/** Forwards nothing more, in either direction, closing nothing. */
	public void stall() {
		this.stalled = true;
	}

	/** Forwards again what waited and what comes. */
	public void resume() {
		this.stalled = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					quietlyClose(client);
					continue;
				}
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.open.add(client);
				this.open.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// a refused or dropped connection is what this relay is for
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				byte[] buffer = new byte[8192];
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					while (this.stalled && !from.isClosed()) {
						Thread.sleep(10);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException ex) {
				// closed by cut() or by either side
			}
			finally {
				quietlyClose(from);
				quietlyClose(to);
			}
		}, "tcp-relay-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void quietlyClose(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.server.close();
	}

}
