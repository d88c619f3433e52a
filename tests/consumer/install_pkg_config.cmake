# A program built with only pkg-config's flags against the installed (and moved) tree of
# install_prefix.cmake: the .pc file must point at where it is, not where it was configured.
include(${CMAKE_CURRENT_LIST_DIR}/run_checked.cmake)
set(prefix ${WORK_DIR}/prefix)
set(pkg_config ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${prefix}/${LIBDIR}/pkgconfig pkg-config)
execute_process(COMMAND ${pkg_config} --cflags --libs fitkit
                RESULT_VARIABLE rc OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config fitkit failed: ${rc}")
endif()
execute_process(COMMAND ${pkg_config} --variable=libdir fitkit
                OUTPUT_VARIABLE libdir OUTPUT_STRIP_TRAILING_WHITESPACE)
separate_arguments(flags UNIX_COMMAND "${flags}")
separate_arguments(extra_flags UNIX_COMMAND "${CONSUMER_CXX_FLAGS} ${CONSUMER_LINKER_FLAGS}")
set(build ${WORK_DIR}/pkg_config)
file(REMOVE_RECURSE ${build})
file(MAKE_DIRECTORY ${build})
run_checked("building with pkg-config's flags (${flags})" ${CXX} ${extra_flags}
            ${SOURCE_DIR}/tests/consumer/main.cpp ${flags} -Wl,-rpath,${libdir}
            -o ${build}/consumer)
run_checked("the program built with pkg-config's flags" ${build}/consumer ${build}/model.json)
