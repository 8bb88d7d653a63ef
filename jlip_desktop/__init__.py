"""jlip-desktop: assess a jurisdiction's level of IP protection against Jilin's indicator system."""

__version__ = "0.1.0"
