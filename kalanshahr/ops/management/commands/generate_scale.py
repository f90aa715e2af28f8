"""Fills the database at national scale for the benchmarks (see ops/scale.py).

    python manage.py generate_scale --indicators 250 --months 60 [--seed N]        # Iran's 1,554 municipalities
    python manage.py generate_scale --municipalities 1400 --indicators 250 --months 60  # generated ones
"""

from django.core.management.base import BaseCommand, CommandError

from kalanshahr.ops import scale
from kalanshahr.network.models import Organization


class Command(BaseCommand):
    help = "Generate reproducible national-scale sample data (load the demo first)."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=None,
                            help="Generate this many sample municipalities instead of loading Iran's real ones.")
        parser.add_argument("--indicators", type=int, default=250)
        parser.add_argument("--months", type=int, default=60)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if not Organization.objects.filter(slug="secretariat").exists():
            raise CommandError("نخست داده‌ی نمایشی را بار کنید (load_demo). / Load the demo first (manage.py load_demo).")
        for name in ("municipalities", "indicators", "months"):
            if options[name] is not None and options[name] < 1:
                raise CommandError(f"«--{name}» باید مثبت باشد. / --{name} must be at least 1.")
        result = scale.generate(municipalities=options["municipalities"], indicators=options["indicators"],
                                months=options["months"], seed=options["seed"], stream=self.stderr)
        self.stdout.write(", ".join(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}"
                                    for key, value in result.items()))
