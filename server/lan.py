"""Where students reach this laptop: its non-loopback IPv4 addresses (psutil reads them from every
network interface), the URL a phone opens, and that URL as a QR code printed in the terminal (segno)."""

import ipaddress
import socket
import sys

import psutil
import segno


def lan_addresses():
    """This computer's IPv4 addresses that another device may reach: not loopback, not link-local
    (169.254.x.x, which no DHCP server handed out), in the order the interfaces are listed."""
    found = []
    for addresses in psutil.net_if_addrs().values():
        for a in addresses:
            if a.family != socket.AF_INET:
                continue
            ip = ipaddress.ip_address(a.address)
            if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified) and a.address not in found:
                found.append(a.address)
    return found


def student_urls(port, public_url=None, host="0.0.0.0"):
    """The URLs phones open: `public_url` alone when given; else, for a server listening on every
    interface, one per LAN address; on one address, that one (none for a loopback address)."""
    if public_url:
        return [public_url]
    if host in ("0.0.0.0", "::", ""):
        return [f"http://{address}:{port}/" for address in lan_addresses()]
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name
        loopback = host == "localhost"
    return [] if loopback else [f"http://{host}:{port}/"]


def print_qr(url, out=None):
    """`url` as a QR code in the terminal (`out`; default: sys.stdout as it is now), two rows of modules
    per line."""
    segno.make(url, error="m").terminal(out=out or sys.stdout, compact=True, border=2)
