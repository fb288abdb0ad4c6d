// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/AuthEditor.h"

#include "ui/Theme.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <iterator>

// Part of RequestEditor. It only produces header fields; RequestEditor adds them to the request,
// so the engine sees ordinary headers and no authentication scheme of its own.
namespace verbscope::ui {

namespace {
// Saved ids, indexed like the combo box: keep the order of both in step.
const char *const KindIds[] = { "none", "basic", "bearer", "apikey" };

// Secret fields show their text only while being edited (PasswordEchoOnEdit), so a shared screen
// does not show them.
QLineEdit *field(const QString &name, QWidget *parent, bool secret = false)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(name);
    if (secret)
        e->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    return e;
}
} // namespace

AuthEditor::AuthEditor(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("authEditor"));
    m_kind->setObjectName(QStringLiteral("authKind"));
    m_kind->addItems({ tr("No authentication"), tr("Basic"), tr("Bearer token"), tr("API key header") });

    m_pages->addWidget(new QWidget(m_pages));
    auto *basic = new QWidget(m_pages);
    auto *basicForm = new QFormLayout(basic);
    m_user = field(QStringLiteral("authUser"), basic);
    m_password = field(QStringLiteral("authPassword"), basic, true);
    basicForm->addRow(tr("User"), m_user);
    basicForm->addRow(tr("Password"), m_password);
    m_pages->addWidget(basic);
    auto *bearer = new QWidget(m_pages);
    auto *bearerForm = new QFormLayout(bearer);
    m_token = field(QStringLiteral("authToken"), bearer, true);
    bearerForm->addRow(tr("Token"), m_token);
    m_pages->addWidget(bearer);
    auto *key = new QWidget(m_pages);
    auto *keyForm = new QFormLayout(key);
    m_keyName = field(QStringLiteral("authKeyName"), key);
    m_keyName->setText(QStringLiteral("X-API-Key"));
    m_keyValue = field(QStringLiteral("authKeyValue"), key, true);
    keyForm->addRow(tr("Header"), m_keyName);
    keyForm->addRow(tr("Value"), m_keyValue);
    m_pages->addWidget(key);

    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("authPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setTextRole(m_preview, Theme::Role::TextMuted);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_kind);
    layout->addWidget(m_pages);
    layout->addWidget(m_preview);
    layout->addStretch(1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_pages->setCurrentIndex(i);
        updatePreview();
        Q_EMIT edited();
    });
    for (QLineEdit *e : { m_user, m_password, m_token, m_keyName, m_keyValue })
        connect(e, &QLineEdit::textChanged, this, [this] {
            updatePreview();
            Q_EMIT edited();
        });
    updatePreview();
}

AuthEditor::~AuthEditor() = default;

AuthEditor::Kind AuthEditor::kind() const
{
    return Kind(m_kind->currentIndex());
}

// Basic is base64 of "user:password" in UTF-8 (RFC 7617 section 2); Bearer puts the token after
// the scheme name (RFC 6750 section 2.1); an API key is a header of the user's choosing.
http::HeaderList AuthEditor::headers() const
{
    switch (kind()) {
    case Kind::None: return {};
    case Kind::Basic:
        return { { "Authorization",
            "Basic " + (m_user->text() + QLatin1Char(':') + m_password->text()).toUtf8().toBase64() } };
    case Kind::Bearer: return { { "Authorization", "Bearer " + m_token->text().trimmed().toUtf8() } };
    case Kind::ApiKey: return { { m_keyName->text().trimmed().toUtf8(), m_keyValue->text().toUtf8() } };
    }
    return {};
}

// Shows the field as it will go out, credentials included: the point is that nothing is hidden.
void AuthEditor::updatePreview()
{
    const http::HeaderList h = headers();
    if (h.isEmpty()) {
        m_preview->setText(tr("No Authorization header is added here. A user:password@ in the URL is sent as "
                              "Authorization: Basic on the first request, as curl does."));
        return;
    }
    m_preview->setText(
        tr("Sent as: %1: %2").arg(QString::fromUtf8(h.first().name), QString::fromUtf8(h.first().value)));
}

QJsonObject AuthEditor::saveState() const
{
    return { { QStringLiteral("kind"), QLatin1String(KindIds[m_kind->currentIndex()]) },
        { QStringLiteral("user"), m_user->text() }, { QStringLiteral("password"), m_password->text() },
        { QStringLiteral("token"), m_token->text() }, { QStringLiteral("keyName"), m_keyName->text() },
        { QStringLiteral("keyValue"), m_keyValue->text() } };
}

// Fields are filled before the kind is chosen, so the page switch emits edited() with complete data.
void AuthEditor::restoreState(const QJsonObject &s)
{
    m_user->setText(s.value(QStringLiteral("user")).toString());
    m_password->setText(s.value(QStringLiteral("password")).toString());
    m_token->setText(s.value(QStringLiteral("token")).toString());
    m_keyName->setText(s.value(QStringLiteral("keyName")).toString(QStringLiteral("X-API-Key")));
    m_keyValue->setText(s.value(QStringLiteral("keyValue")).toString());
    const QString kind = s.value(QStringLiteral("kind")).toString();
    for (int i = 0; i < int(std::size(KindIds)); ++i)
        if (kind == QLatin1String(KindIds[i]))
            m_kind->setCurrentIndex(i);
}

} // namespace verbscope::ui
