"""Help and usage errors in Vietnamese, answered before anything else is loaded."""

from __future__ import annotations

import typer

from generator.cli.base import app

# Click's own messages, in Vietnamese (the command line speaks one language).
_USAGE_ERRORS = [
    (r"No such command '(.+)'\.", "không có lệnh '{0}'"),
    (r"No such option '(\S+)'\. Did you mean '(.+)'\?", "không có tùy chọn {0} (có phải ý bạn là {1}?)"),
    (r"No such option '(\S+)'\.", "không có tùy chọn {0}"),
    (r"No such option: (\S+) \(Possible options: (.+)\)", "không có tùy chọn {0} (có phải ý bạn là {1}?)"),
    (r"No such option: (\S+)", "không có tùy chọn {0}"),
    (r"Missing argument '(.+)'\.", "thiếu đối số {0}"),
    (r"Missing option '(.+)'\.", "thiếu tùy chọn {0}"),
    (r"Option '(.+)' requires an argument\.", "tùy chọn {0} cần một giá trị"),
    (r"Got unexpected extra arguments? \((.+)\)", "thừa đối số: {0}"),
    (r"Invalid value for '(.+)': '(.+)' is not a valid integer\.", "{0}: '{1}' không phải số nguyên"),
    (r"Invalid value for '(.+)': .*valid integer.*", "{0}: không phải số nguyên"),
    (r"Invalid value for '(.+)': (.+)", "giá trị của {0} không hợp lệ: {1}"),
]


def usage_error(exc) -> str:
    import re

    message = exc.format_message()
    for pattern, vietnamese in _USAGE_ERRORS:
        match = re.match(pattern, message)
        if match:
            groups = [METAVARS.get(g.lstrip("-").replace("-", "_").lower(), g) if g.isidentifier() else g
                      for g in match.groups()]
            return vietnamese.format(*groups)
    return message


METAVARS = {"paths": "TỆP_HOẶC_THƯ_MỤC", "output": "THƯ_MỤC", "for_each": "BẢNG", "sheet": "TRANG_TÍNH", "folder": "THƯ_MỤC", "port": "CỔNG", "files": "TỆP", "plan": "KẾ_HOẠCH",
            "previous": "KẾ_HOẠCH_NĂM_TRƯỚC", "year": "NĂM", "old": "CŨ", "new": "MỚI", "rev": "PHIÊN_BẢN",
            "format": "KIỂU", "source": "TỆP"}
COMMAND_METAVARS = {("import", "output"): "TỆP.yaml", ("new-year", "output"): "TỆP_MỚI",
                    ("import", "source"): "VĂN_BẢN", ("new-year", "plan"): "KẾ_HOẠCH_HOẶC_VĂN_BẢN"}
HELP_OPTION = ("-h, --help", "Hiện hướng dẫn này rồi thoát.")


def _columns(rows: list[tuple[str, str]]) -> list[str]:
    width = max((len(left) for left, _ in rows), default=0) + 3
    return [f"  {left.ljust(width)}{right}" for left, right in rows]


def _declared_help(command, name: str | None) -> str:
    """An argument's help as declared (`typer.Argument(help=…)`): click keeps none for arguments."""
    import inspect

    try:
        default = inspect.signature(command.callback).parameters[name or ""].default
    except (TypeError, ValueError, KeyError):
        return ""
    return getattr(default, "help", None) or ""


def _param_rows(command, command_name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    arguments, options, usage = [], [], []
    for param in command.params:
        name = COMMAND_METAVARS.get((command_name, param.name or "")) or \
            METAVARS.get(param.name or "", (param.name or "").upper())
        text = getattr(param, "help", None) or _declared_help(command, param.name)
        if param.param_type_name == "argument":
            shown = name if param.required else f"[{name}]"
            shown += "..." if param.nargs == -1 else ""
            arguments.append((shown, text))
            usage.append(shown)
        else:
            flags = ", ".join(sorted(param.opts, key=len))
            options.append((flags if param.is_flag else f"{flags} {name}", text))
    options.append(HELP_OPTION)
    return arguments, options, " ".join(usage)


def help_text(command_name: str | None) -> str:
    """The help screen in Vietnamese, from the commands' own Vietnamese descriptions."""
    group = typer.main.get_command(app)
    if command_name is None:
        lines = ["Cách dùng: thidua [TÙY CHỌN] LỆNH [ĐỐI SỐ]...", "", app.info.help or "", "",
                 "Tùy chọn:", *_columns([("--version", "In phiên bản của thidua rồi thoát."), HELP_OPTION]), "",
                 "Các lệnh:"]
        commands = getattr(group, "commands", {})
        lines += _columns([(name, (cmd.help or "").strip().split("\n")[0]) for name, cmd in commands.items()])
        lines += ["", "Xem hướng dẫn của một lệnh: thidua LỆNH --help"]
        return "\n".join(lines)
    command = group.commands[command_name]  # type: ignore[attr-defined]
    arguments, options, usage = _param_rows(command, command_name)
    lines = [f"Cách dùng: thidua {command_name} [TÙY CHỌN] {usage}".rstrip(), "", (command.help or "").strip(), ""]
    if arguments:
        lines += ["Đối số:", *_columns(arguments), ""]
    lines += ["Tùy chọn:", *_columns(options)]
    return "\n".join(lines)


def early_answer(args: list[str]) -> bool:
    """--help and --version, answered before anything else is loaded (fast, and in Vietnamese)."""
    words = [a for a in args if a != "--"]
    if not words or words[0] in ("-h", "--help"):
        print(help_text(None))
        return True
    if words[0] in ("--version", "-V"):
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"thidua {version('thidua')}")
        except PackageNotFoundError:
            print("thidua (chưa cài đặt)")
        return True
    if len(words) > 1 and ("-h" in words[1:] or "--help" in words[1:]):
        commands = getattr(typer.main.get_command(app), "commands", {})
        if words[0] in commands:
            print(help_text(words[0]))
            return True
    return False


