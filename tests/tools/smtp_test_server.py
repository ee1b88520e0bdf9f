"""A loopback SMTP server for the reminder tests (Debian's python3-aiosmtpd).

Usage: smtp_test_server.py OUTDIR CERT KEY USER PASSWORD

Listens on 127.0.0.1 on a port the kernel picks (the socket is bound before
anything else, so no other process can take it), requires STARTTLS and then
AUTH (USER/PASSWORD), and writes every message it accepts to OUTDIR as
NNNN.eml (written under a temporary name, then renamed, before the server
answers 250), with X-Test-Rcpt, X-Test-Tls and X-Test-Auth lines in front.
Prints "READY <port>" on stdout once it accepts connections. Runs until
killed.
"""
import asyncio
import os
import socket
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult


class Handler:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.outdir, "%04d.eml" % self.count)
        login = session.auth_data.login.decode() if session.auth_data else ""
        head = "X-Test-Rcpt: %s\r\nX-Test-Tls: %s\r\nX-Test-Auth: %s\r\n" % (
            ",".join(envelope.rcpt_tos), "yes" if session.ssl else "no", login)
        with open(path + ".tmp", "wb") as f:
            f.write(head.encode())
            f.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 OK"


def main():
    outdir, cert, key, user, password = sys.argv[1:6]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == user.encode() and auth_data.password == password.encode()
        # handled=False: aiosmtpd itself answers 535 on failure (its default
        # True means "already answered" and leaves the client waiting).
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    handler = Handler(outdir)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, hostname="localhost", tls_context=context, require_starttls=True,
                     authenticator=authenticator, auth_required=True, auth_require_tls=True),
        sock=sock))
    print("READY %d" % sock.getsockname()[1], flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
