# The installed tree the install_* tests share: the build installed into a scratch prefix,
# then moved, so that what they check works from a tree that is not where it was installed.
include(${CMAKE_CURRENT_LIST_DIR}/run_checked.cmake)
file(REMOVE_RECURSE ${WORK_DIR})
run_checked("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/installed
            OUTPUT_QUIET)
file(RENAME ${WORK_DIR}/installed ${WORK_DIR}/prefix)
