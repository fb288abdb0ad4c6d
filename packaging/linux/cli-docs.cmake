# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the verbscope-cli man page and its bash, zsh and fish completions. The CLI makes them
# from its command table (cli/Commands.cpp), so they cannot drift from the options; this script
# only stores them and puts the release date in the man page. Run as a build step by
# packaging/CMakeLists.txt:
#   cmake -DCLI=path/to/verbscope-cli -DOUT_DIR=dir -DDATE=yyyy-mm-dd -P cli-docs.cmake
cmake_minimum_required(VERSION 3.22)
foreach(var CLI OUT_DIR DATE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "cli-docs.cmake: -D${var}=… is required")
    endif()
endforeach()

function(cli_output file)
    execute_process(COMMAND "${CLI}" ${ARGN} OUTPUT_VARIABLE text RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR text STREQUAL "")
        message(FATAL_ERROR "'${CLI} ${ARGN}' failed (${rc}): ${err}")
    endif()
    if(file MATCHES "\\.1$")
        string(REPLACE ".TH VERBSCOPE\\-CLI 1 \"\"" ".TH VERBSCOPE\\-CLI 1 \"${DATE}\"" text "${text}")
    endif()
    file(WRITE "${OUT_DIR}/${file}" "${text}")
endfunction()

cli_output(verbscope-cli.1 man)
cli_output(verbscope-cli.bash completion bash)
cli_output(_verbscope-cli completion zsh)
cli_output(verbscope-cli.fish completion fish)
