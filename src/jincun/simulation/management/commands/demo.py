import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from jincun.agri.demo import load_demo_projects, load_demo_reports
from jincun.compliance.demo import install_demo_compliance
from jincun.network.choices import AreaLevel
from jincun.network.demo import DEMO_PASSWORD, build_demo, demo_exists
from jincun.network.models import AdminArea
from jincun.parcels.aggregates import rebuild_aggregates
from jincun.settlement.demo import install_demo_tariffs
from jincun.settlement.services.rating import rate_month
from jincun.settlement.services.statements import draft_statements
from jincun.simulation.plans import RECENT_DAYS, plan_recent_days
from jincun.simulation.rates import DEMO_SCALE
from jincun.simulation.services import run_demo_history
from jincun.simulation.signals import demo_built


class Command(BaseCommand):
    help = "Build the demo network on the loaded county (hub, nodes, stations, agreements, logins, tokens)."

    def add_arguments(self, parser):
        parser.add_argument("--if-new", action="store_true", help="do nothing if a demo network exists")
        parser.add_argument("--seed", type=int, default=2020, help="random seed (same seed, same network)")
        parser.add_argument("--county", help="county code (default: the first loaded)")
        parser.add_argument(
            "--history-days",
            type=int,
            default=30,
            help="days of parcel history up to last midnight, written in bulk, then today's morning through the services (0: network only)",
        )

    def handle(self, *args, if_new, seed, county, history_days, **options):
        county_area = _county(county)
        console = Console(file=self.stdout, highlight=False, width=120)
        if demo_exists(county_area):
            if if_new:
                console.print(f"{county_area.name} 已有演示网络，保持现有数据不变（--if-new）。")
                self._print_logins(console, None)
                return
            raise CommandError(f"{county_area.name} already has a demo network; use an empty JINCUN_DATA_DIR")
        with console.status(f"正在生成 {county_area.name} 演示网络…"):
            result = build_demo(county_area, seed=seed)
            tokens = _announce(county_area)
            tariffs = install_demo_tariffs()
        console.print(
            f"{county_area.name} 演示网络：共配中心 1，镇级节点 {result.towns}，村级站点 {result.stations}，"
            f"合作协议 {result.agreements}，村委代办村 {result.proxy_villages}（种子 {seed}），结算价目 {tariffs}"
        )
        projects = load_demo_projects(county_area, scale=DEMO_SCALE, year=timezone.localdate().year)
        console.print(
            "农产品项目："
            + "、".join(f"{p.name}（{p.annual_target:,} 件/年）" for p in projects)
            + f"；演示件量为全县的 {DEMO_SCALE:.0%}"
        )
        if history_days > 0:
            self._simulate_history(history_days, seed)
        made = install_demo_compliance(seed)
        console.print(
            f"合规记录：站点检查 {made['inspections']} 次，视频心跳 {made['heartbeats']} 路，投诉 {made['complaints']} 件，"
            f"收费举报 {made['fee_cases']} 件；视频离线 {made['video_offline']} 站，逾期未备案 {made['filing_overdue']} 站"
        )
        if history_days > 0:
            with console.status("正在规划近几日、今天和明天的线路…"):
                plans = plan_recent_days(min(history_days, RECENT_DAYS))
            console.print(
                f"线路计划：{plans[0].date} 至 {plans[-1].date} 共 {len(plans)} 天，"
                f"明天 {len(plans[-1].runs.all())} 条线路、{plans[-1].total_km:,.0f} 公里"
            )
            last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            with console.status(f"正在为 {last_month:%Y-%m} 计费并起草对账单…"):
                rate_month(last_month)
                statements = draft_statements(last_month)
            console.print(
                f"结算：{last_month:%Y-%m} 对账单（草稿）{len(statements)} 份（jincun settle 可重算）"
            )
        today = timezone.localdate()
        report = load_demo_reports(
            projects, dt.date(today.year - 1, 1, 1), today - dt.timedelta(days=1), seed
        )
        rebuild_aggregates()
        console.print(f"品牌报送件量（演示）：{report.summary()}；每日汇总已生成")
        self._print_logins(console, result.logins)
        console.print(f"中通(ZTO) 接口令牌（只显示这一次）：[bold]{tokens.get('ZTO', '-')}[/bold]")
        console.print("其他品牌的令牌已生成但不显示；需要时用 `jincun issue-token --brand CODE` 另发。")

    def _simulate_history(self, days: int, seed: int) -> None:
        """Parcel traffic through the public services, so pages, plans and figures have history."""
        with Progress(transient=True, console=Console(file=self.stdout)) as progress:
            task = progress.add_task(f"模拟近 {days} 天的快件流转", total=days)
            summary = run_demo_history(
                days, seed=seed, scale=DEMO_SCALE, progress=lambda _day: progress.advance(task)
            )
        self.stdout.write(
            f"模拟历史 {summary.start} 起 {days} 天：进村 {summary.parcels_in} 件，出村 {summary.parcels_out} 件，"
            f"扫描 {summary.scan_events} 条，签收 {summary.signed} 件（jincun simulate 可继续添加）"
        )

    def _print_logins(self, console, logins):
        title = "演示账号（所有账号密码相同）" if logins else "演示账号（初始密码；如已修改，以修改后的为准）"
        table = Table(title=title)
        for column in ("角色", "用户名", "密码", "岗位"):
            table.add_column(column)
        if logins is None:
            from jincun.core.models import User

            users = User.objects.filter(
                username__in=["admin", "regulator", "hub", "town", "station", "proxy", "zto", "accountant"]
            )
            for user in users.order_by("id"):
                table.add_row(user.get_role_display(), user.username, DEMO_PASSWORD, user.display_name)
        else:
            for login in logins:
                password = DEMO_PASSWORD if login.created else "（已存在，未修改）"
                table.add_row(login.role, login.username, password, login.where)
        console.print(table)


def _county(code):
    counties = AdminArea.objects.filter(level=AreaLevel.COUNTY).order_by("code")
    county = counties.filter(code=code.ljust(12, "0")).first() if code else counties.first()
    if county is None and code and counties.exists():
        raise CommandError(f"no county with code {code} (loaded: {', '.join(c.code for c in counties)})")
    if county is None:
        raise CommandError("no county loaded: run `jincun init` first")
    return county


def _announce(county) -> dict[str, str]:
    """Ask the apps above (the api app issues brand tokens) for their part of the demo; see `demo_built`."""
    secrets = {}
    for _receiver, answer in demo_built.send(sender=Command, county=county):
        secrets.update(answer or {})
    return secrets
