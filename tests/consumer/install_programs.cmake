# The installed (and moved) programs of install_prefix.cmake run with no LD_LIBRARY_PATH: their
# RPATH finds the installed library, not the build tree's or a system copy.
include(${CMAKE_CURRENT_LIST_DIR}/run_checked.cmake)
set(prefix ${WORK_DIR}/prefix)
set(run ${CMAKE_COMMAND} -E env --unset=LD_LIBRARY_PATH)
execute_process(COMMAND ${run} ldd ${prefix}/bin/fitkit-ridge
                RESULT_VARIABLE rc OUTPUT_VARIABLE linked)
string(REGEX MATCH "libfitkit\\.so[^\n]*" found "${linked}")
string(FIND "${found}" "=> ${prefix}/" beside)
if(NOT rc EQUAL 0 OR beside EQUAL -1)
  message(FATAL_ERROR "fitkit-ridge does not load the library beside it:\n${linked}")
endif()
set(model ${WORK_DIR}/ridge.bin)
run_checked("the installed fitkit-ridge fit" ${run} ${prefix}/bin/fitkit-ridge fit --data
            ${SOURCE_DIR}/datasets/diabetes.csv --target progression --model ${model})
execute_process(COMMAND ${run} ${prefix}/bin/fitkit info ${model}
                RESULT_VARIABLE rc OUTPUT_VARIABLE info)
if(NOT rc EQUAL 0 OR NOT info MATCHES "Ridge")
  message(FATAL_ERROR "the installed fitkit info failed: ${rc}\n${info}")
endif()
