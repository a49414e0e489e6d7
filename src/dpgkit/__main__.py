from dpgkit.cli import main

main()
