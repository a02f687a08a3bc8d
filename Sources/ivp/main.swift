import LinearProgramming
print(GLPK.version)
