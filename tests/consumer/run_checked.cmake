# What every install_* test does step by step: run a command, and fail the test, saying which
# step, when it exits with an error. Arguments after `what` are execute_process's COMMAND
# and options (WORKING_DIRECTORY, OUTPUT_QUIET, ...).
function(run_checked what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed: ${rc}")
  endif()
endfunction()
