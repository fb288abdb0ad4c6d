// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/codegen/CodeGenerator.h"

// One class per target; each .cpp says what its tool can and cannot send as typed.
namespace verbscope::codegen {

#define VERBSCOPE_CODEGEN_TARGET(Class)                                                                                \
    class Class final : public CodeGenerator                                                                           \
    {                                                                                                                  \
    public:                                                                                                            \
        QString id() const override;                                                                                   \
        QString label() const override;                                                                                \
        QString generate(const http::RequestSpec &spec, QStringList *notes) const override;                            \
        QString commentPrefix() const override;                                                                        \
    };

VERBSCOPE_CODEGEN_TARGET(CurlGenerator)
VERBSCOPE_CODEGEN_TARGET(HttpieGenerator)
VERBSCOPE_CODEGEN_TARGET(WgetGenerator)
VERBSCOPE_CODEGEN_TARGET(PowerShellGenerator)
VERBSCOPE_CODEGEN_TARGET(PythonGenerator)
VERBSCOPE_CODEGEN_TARGET(FetchGenerator)
VERBSCOPE_CODEGEN_TARGET(NodeGenerator)
VERBSCOPE_CODEGEN_TARGET(GoGenerator)
VERBSCOPE_CODEGEN_TARGET(QtGenerator)

#undef VERBSCOPE_CODEGEN_TARGET

} // namespace verbscope::codegen
