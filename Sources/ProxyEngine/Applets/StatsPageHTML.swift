import Foundation
import NIOCore
import RuntimePlan

/// The stats page's HTML in HAProxy's layout (src/stats.c): the title and
/// process information, the legend and links, then one table per proxy with
/// HAProxy's column groups (Queue, Session rate, Sessions, Bytes, Denied,
/// Errors, Warnings, Server) and rows (Frontend, the servers, Backend), the
/// row classes HAProxy's style sheet colours, and with admin rights the
/// form under each backend.
struct StatsPageHTML {
    let plan: StatsPagePlan
    let engine: EngineContext
    let report: StatsReport
    let request: StatsPage.Request
    let admin: Bool

    /// The `;st=` banners, as HAProxy words them.
    static let banners: [String: (css: String, text: String)] = [
        "DONE": ("active_up", "Action processed successfully."),
        "PART": ("active_going_down", "Action partially processed."),
        "NONE": ("active_going_down", "Nothing has changed."),
        "ERRP": ("active_down", "Action not processed because of invalid parameters."),
        "EXCD": ("active_down", "Action not processed : the buffer couldn't store all the data."),
        "DENY": ("active_down", "Action denied."),
        "IVAL": ("active_down", "Invalid requests (unsupported method or chunked encoded request)."),
    ]

    /// The admin form's actions, as HAProxy's `<select>` offers them.
    static let formActions: [(String, String)] = [
        ("", "Choose an action"), ("ready", "Set state to READY"), ("drain", "Set state to DRAIN"),
        ("maint", "Set state to MAINT"), ("dhlth", "Health: disable checks"), ("ehlth", "Health: enable checks"),
    ]

    /// The CSV column shown in each cell of a row, in the page's order.
    static let columns: [Int] = [2, 3, 25, 33, 35, 34, 4, 5, 6, 7, 30, 55, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 36, 18, 19, 20, 21, 22, 24, 29]

    var node: String? {
        plan.node.map { $0.isEmpty ? engine.plan.global.node ?? ProcessInfo.processInfo.hostName : $0 }
    }

    func render() -> String {
        let on = node.map { " on \(Self.escape($0))" } ?? ""
        var html = "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n"
        html += "<html><head><title>Statistics Report for HAProxy\(on)</title>\n"
        html += "<meta http-equiv=\"content-type\" content=\"text/html; charset=iso-8859-1\">\n" + Self.style + "</head>\n<body>"
        if !plan.hideVersion {
            html += "<h1><a href=\"http://www.haproxy.org/\" style=\"text-decoration: none;\">HAProxy version "
                + "\(ProcessInfoReport.version), released 2023/03/10</a></h1>\n"
        }
        html += "<h2>Statistics Report for pid \(getpid())\(on)\(plan.description.map { ": " + Self.escape($0) } ?? "")</h2>\n"
        html += "<hr width=\"100%\" class=\"hr\">\n" + processInformation()
        if let status = request.status, let banner = Self.banners[status] {
            html += "<p><div class=\(banner.css)><a class=lfsb href=\"\(plan.uri)\" title=\"Remove this message\">[X]</a>&nbsp;"
                + "<b>\(banner.text)</b></div>\n"
        }
        var proxy: [StatsReport.Row] = []
        for row in report.rows {
            if let first = proxy.first, first.values[0] != row.values[0] || first.proxyID != row.proxyID {
                html += table(proxy)
                proxy = []
            }
            proxy.append(row)
        }
        if !proxy.isEmpty { html += table(proxy) }
        return html + "</body></html>\n"
    }

    private func processInformation() -> String {
        let uptime = Int((NIODeadlineSeconds.since(engine.startedAt)))
        let maxconn = engine.connections.globalLimit ?? ProcessLimits.hardMaxconn(engine)
        let hide = request.hideDown ? ("", "Show all servers") : (";up", "Hide 'DOWN' servers")
        let noRefresh = request.noRefresh ? ";norefresh" : ""
        var html = "<h3>&gt; General process information</h3>\n<table border=0><tr><td align=\"left\" nowrap width=\"1%\">\n"
        html += "<p><b>pid = </b> \(getpid()) (process #1, nbproc = 1, nbthread = \(engine.threadCount))<br>\n"
        html += "<b>uptime = </b> \(ProcessInfoReport.uptimeText(uptime))<br>\n"
        html += "<b>system limits:</b> memmax = unlimited; ulimit-n = \(ProcessLimits.openFiles)<br>\n"
        html += "<b>maxsock = </b> \(ProcessLimits.openFiles); <b>maxconn = </b> \(maxconn); <b>maxpipes = </b> 0<br>\n"
        html += "current conns = \(engine.connections.openCount); current pipes = 0/0; conn rate = 0/sec; bit rate = 0.000 kbps<br>\n"
        html += "Running tasks: 0/0; idle = 100 %<br>\n</td><td align=\"center\" nowrap>\n"
        html += "<table class=\"lgd\"><tr>\n<td class=\"active_up\">&nbsp;</td><td class=\"noborder\">active UP </td>"
        html += "<td class=\"backup_up\">&nbsp;</td><td class=\"noborder\">backup UP </td></tr><tr>\n"
        html += "<td class=\"active_down\">&nbsp;</td><td class=\"noborder\">active or backup DOWN &nbsp;</td>"
        html += "<td class=\"active_no_check\">&nbsp;</td><td class=\"noborder\">not checked </td></tr><tr>\n"
        html += "<td class=\"maintain\">&nbsp;</td><td class=\"noborder\" colspan=\"3\">active or backup DOWN for maintenance (MAINT) &nbsp;</td></tr><tr>\n"
        html += "<td class=\"active_draining\">&nbsp;</td><td class=\"noborder\" colspan=\"3\">active or backup SOFT STOPPED for maintenance &nbsp;</td></tr>\n"
        html += "</table>\nNote: \"NOLB\"/\"DRAIN\" = UP with load-balancing disabled.</td>\n<td align=\"left\" valign=\"top\" nowrap width=\"1%\">\n"
        html += "<b>Display option:</b><ul style=\"margin-top: 0.25em;\">\n"
        html += "<li><a href=\"\(plan.uri)\(hide.0)\(noRefresh)\">\(hide.1)</a><br>\n"
        if plan.refreshSeconds != nil {
            html += request.noRefresh ? "<li><a href=\"\(plan.uri)\(request.hideDown ? ";up" : "")\">Enable refresh</a><br>\n"
                : "<li><a href=\"\(plan.uri)\(request.hideDown ? ";up" : "");norefresh\">Disable refresh</a><br>\n"
        }
        html += "<li><a href=\"\(plan.uri)\(request.hideDown ? ";up" : "")\(noRefresh)\">Refresh now</a><br>\n"
        html += "<li><a href=\"\(plan.uri);csv\(noRefresh)\">CSV export</a><br>\n</ul></td></tr></table>\n"
        return html
    }

    private func table(_ rows: [StatsReport.Row]) -> String {
        guard let first = rows.first, let name = first.values[0] else { return "" }
        if !plan.scopes.isEmpty, !plan.scopes.contains(name) { return "" }
        let hasServers = rows.contains { $0.kind == .server }
        let form = admin && rows.contains { $0.kind == .backend } && hasServers
        var html = form ? "<form method=\"post\">" : ""
        html += "<table class=\"tbl\" width=\"100%\">\n<tr class=\"titre\"><th class=\"pxname\" width=\"10%\">"
        html += "<a name=\"\(Self.escape(name))\"></a><a class=px href=\"#\(Self.escape(name))\">\(Self.escape(name))</a>"
        if plan.showLegends { html += "<div class=tips>id: \(first.proxyID)</div>" }
        html += "</th><th class=\"empty\" width=\"90%\"></th></tr>\n</table>\n<table class=\"tbl\" width=\"100%\">\n"
        html += "<tr class=\"titre\">" + (form ? "<th rowspan=2 width=1><input type=\"checkbox\" onclick=\"for(c in document.getElementsByClassName('\(Self.escape(name))-checkbox')) document.getElementsByClassName('\(Self.escape(name))-checkbox').item(c).checked = this.checked\"></th>" : "")
        html += "<th rowspan=2></th><th colspan=3>Queue</th><th colspan=3>Session rate</th><th colspan=6>Sessions</th>"
        html += "<th colspan=2>Bytes</th><th colspan=2>Denied</th><th colspan=3>Errors</th><th colspan=2>Warnings</th>"
        html += "<th colspan=9>Server</th></tr>\n<tr class=\"titre\">"
        for label in ["Cur", "Max", "Limit", "Cur", "Max", "Limit", "Cur", "Max", "Limit", "Total", "LbTot", "Last", "In", "Out",
                      "Req", "Resp", "Req", "Conn", "Resp", "Retr", "Redis", "Status", "LastChk", "Wght", "Act", "Bck", "Chk",
                      "Dwn", "Dwntme", "Thrtle"] {
            html += "<th>\(label)</th>"
        }
        html += "</tr>\n"
        for row in rows { html += self.row(row, form: form, proxy: name) }
        html += "</table>\n"
        if form {
            html += "Choose the action to perform on the checked servers : <select name=action>"
            for (value, label) in Self.formActions {
                html += value.isEmpty ? "<option value=\"\">\(label)</option>" : "<option value=\"\(value)\">\(label)</option>"
            }
            html += "</select><input type=\"hidden\" name=\"b\" value=\"#\(first.proxyID)\">&nbsp;<input type=\"submit\" value=\"Apply\"></form>"
        }
        return html + "<p>\n"
    }

    private func row(_ row: StatsReport.Row, form: Bool, proxy: String) -> String {
        let status = row.values[17] ?? ""
        let css: String
        switch row.kind {
        case .frontend: css = "frontend"
        case .backend: css = "backend"
        case .server:
            let backup = row.values[20] == "1" ? "backup" : "active"
            css = switch status {
            case "MAINT": "maintain"
            case "DRAIN": "\(backup)_draining"
            case "NOLB": "\(backup)_nolb"
            case "DOWN": "\(backup)_down"
            case "no check": "\(backup)_no_check"
            default: "\(backup)_up"
            }
        }
        var html = "<tr class=\"\(css)\">"
        if form {
            html += row.kind == .server
                ? "<td><input class='\(Self.escape(proxy))-checkbox' type=\"checkbox\" name=\"s\" value=\"\(Self.escape(row.values[1] ?? ""))\"></td>"
                : "<td></td>"
        }
        let label = switch row.kind {
        case .frontend: "Frontend"
        case .backend: "Backend"
        case .server: Self.escape(row.values[1] ?? "")
        }
        html += "<td class=ac>\(label)</td>"
        for index in Self.columns {
            var cell = row.values[index] ?? ""
            if index == 36, let description = row.values[65] { cell = "\(cell) \(description)" }
            if index == 55, cell == "-1" { cell = "" }
            html += "<td>\(Self.escape(cell))</td>"
        }
        return html + "</tr>\n"
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// The colours of HAProxy's style sheet for the row classes.
    static let style = """
        <style type="text/css"><!--
        body { font-family: arial, helvetica, sans-serif; font-size: 12px; font-weight: normal; color: black; background: white;}
        th,td { font-size: 10px;}
        h1 { font-size: x-large; margin-bottom: 0.5em;}
        h2 { font-family: helvetica, arial; font-size: x-large; font-weight: bold; font-style: italic; color: #6020a0; margin-top: 0em; margin-bottom: 0em;}
        h3 { font-family: helvetica, arial; font-size: 16px; font-weight: bold; color: #b00040; background: #e8e8d0; margin-top: 0em; margin-bottom: 0em;}
        table.tbl { border-collapse: collapse; border-style: none;}
        table.tbl td { text-align: right; border-width: 1px 1px 1px 1px; border-style: solid solid solid solid; padding: 2px 3px; border-color: gray; white-space: nowrap;}
        table.tbl td.ac { text-align: center;}
        table.tbl th { border-width: 1px; border-style: solid solid solid solid; border-color: gray;}
        table.tbl th.pxname { background: #b00040; color: #ffff40; font-weight: bold; border-style: solid solid none solid; padding: 2px 3px; white-space: nowrap;}
        table.tbl th.empty { border-style: none; empty-cells: hide; background: white;}
        .titre { background: #20D0D0; color: #000000; font-weight: bold; text-align: center;}
        .frontend { background: #e8e8d0;}
        .backend { background: #e8e8d0;}
        .active_down { background: #ff9090;}
        .active_up { background: #c0ffc0;}
        .active_no_check { background: #e0e0e0;}
        .active_draining { background: #20a0FF;}
        .active_nolb { background: #20a0ff;}
        .backup_down { background: #ff9090;}
        .backup_up { background: #b0d0ff;}
        .backup_no_check { background: #e0e0e0;}
        .backup_draining { background: #20a0FF;}
        .backup_nolb { background: #90b0e0;}
        .maintain { background: #c07820;}
        a.px:link { color: #ffff40; text-decoration: none;}
        a.px:visited { color: #ffff40; text-decoration: none;}
        table.lgd { border-collapse: collapse; border-width: 1px; border-style: none none none solid; border-color: black;}
        table.lgd td { border-width: 1px; border-style: solid solid solid solid; border-color: gray; padding: 2px;}
        table.lgd td.noborder { border-style: none; padding: 2px; white-space: nowrap;}
        -->
        </style>

        """
}

/// Seconds since a deadline, for uptimes.
enum NIODeadlineSeconds {
    static func since(_ start: NIODeadline) -> Int64 { (NIODeadline.now() - start).nanoseconds / 1_000_000_000 }
}
