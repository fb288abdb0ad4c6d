// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QTcpServer;

namespace verbscope::demo {

// The built-in demo target: a loopback HTTP/1.1 server where each path reproduces one way a
// server answers a method it does not support (405 with or without Allow, a server-wide or a
// per-route 501, a proxy's 501, 400, 403, 404, 411, a 200 that ignored the verb…), so a first
// run of VerbScope can show every diagnosis without any setup. Not QHttpServer: that one never
// sees unknown or lower-case methods.
class DemoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoServer)
public:
    // One line of the index page and of docs/demo.md.
    struct RouteInfo {
        QString path; // with an example query where the route takes one
        QString title; // what it shows
        QString tryMethod; // the verb worth sending
        QString expect; // what comes back
    };

    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // Listens on 127.0.0.1; port 0 picks a free one (see port()).
    bool listen(quint16 port = 0);
    // Stops listening and drops every connection, so the port is free again.
    void close();
    bool isListening() const;
    quint16 port() const;
    QString url(const QString &path = QStringLiteral("/")) const;
    QString errorString() const;
    bool addressInUse() const;

    // Most unsent bytes ever queued on one connection: streaming must keep this small.
    qint64 peakWriteBuffer() const { return m_peakWriteBuffer; }

    static QList<RouteInfo> routes();
    // The route table as a Markdown table (docs/demo.md embeds it verbatim).
    static QString routesMarkdown();

Q_SIGNALS:
    // One per answered request, when its status line is written (method exactly as sent).
    void requestHandled(const QByteArray &method, const QByteArray &target, int status);

private:
    void onNewConnection();

    QTcpServer *m_server;
    qint64 m_peakWriteBuffer = 0;
};

} // namespace verbscope::demo
