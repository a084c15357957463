import signal

from django.core.management.base import BaseCommand

from companies.notifications import notifications_retry, notifications_watch


class Command(BaseCommand):
    help = (
        "Send the e-mails still waiting, and those that failed earlier. Once (every few "
        "minutes from cron), or with --watch as a process beside the web server, which "
        "sends them as they come (NOTIFICATIONS_SENT_BY=worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--watch", action="store_true", help="keep running; stop with SIGTERM or Ctrl-C"
        )
        parser.add_argument(
            "--interval", type=float, default=2.0, help="seconds between looks (--watch)"
        )

    def handle(self, *args, **options):
        if not options["watch"]:
            outcome = notifications_retry()
            self.stdout.write(f"{outcome['sent']} sent, {outcome['failed']} failed.")
            return
        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.append(True))
        self.stdout.write(f"Sending e-mails as they come, every {options['interval']} s.")
        sent = notifications_watch(interval=options["interval"], stop=lambda: bool(stopping))
        self.stdout.write(f"Stopped; {sent} sent.")
